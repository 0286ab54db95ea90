package dev.northstar.ingest.web;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.PipelineStages;
import dev.northstar.ingest.PipelineStages.Outcome;
import dev.northstar.ingest.PipelineStages.Stage;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The pipeline's stages: everyone sees them (deals name them), company admins change them. */
@Controller
@RequestMapping("/pipeline")
class PipelinePage {

    private final PipelineStages stages;

    PipelinePage(PipelineStages stages) {
        this.stages = stages;
    }

    @GetMapping
    String page(Viewer viewer, Model model) {
        model.addAttribute("stages", stages.stages(viewer));
        model.addAttribute("outcomes", Outcome.values());
        return "ingest/pipeline";
    }

    /** One row a stage, in the order of its "order" number; a row with an empty key and name is ignored, "remove" drops it. */
    @PostMapping
    String save(Viewer viewer, @RequestParam List<String> key, @RequestParam List<String> name, @RequestParam List<String> order,
                @RequestParam List<String> winProbability, @RequestParam List<String> outcome,
                @RequestParam(required = false) List<String> remove, RedirectAttributes redirect) {
        record Row(double order, Stage stage) {
        }
        try {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                if (key.get(i).isBlank() && name.get(i).isBlank() || remove != null && remove.contains(key.get(i))) {
                    continue;
                }
                String stageKey = key.get(i).isBlank() ? name.get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "") : key.get(i);
                rows.add(new Row(number("order", order.get(i), i + 1).doubleValue(),
                        new Stage(stageKey, name.get(i), 0, number("winProbability", winProbability.get(i), -1), Outcome.valueOf(outcome.get(i)))));
            }
            rows.sort(Comparator.comparingDouble(Row::order));
            stages.replace(viewer, rows.stream().map(Row::stage).toList());
            redirect.addFlashAttribute("message", "The pipeline is saved.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/pipeline";
    }

    private static BigDecimal number(String field, String text, int fallback) {
        if (text == null || text.isBlank()) {
            if (fallback < 0) throw new InvalidInputException(field, "is required");
            return BigDecimal.valueOf(fallback);
        }
        try {
            return new BigDecimal(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a number, not '" + text + "'");
        }
    }
}
