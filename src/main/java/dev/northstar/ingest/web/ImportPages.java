package dev.northstar.ingest.web;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.files.FileImports;
import dev.northstar.ingest.files.ImportJob;
import dev.northstar.ingest.files.ImportSettings;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The import screens: upload, then one page per import with the column mapping, the check's findings and the
 * commit. The service checks access (company admins); failures come back to the page as the flash "error".
 */
@Controller
@RequestMapping("/imports")
class ImportPages {

    static final int REJECTIONS_PER_PAGE = 50;

    private final FileImports imports;

    ImportPages(FileImports imports) {
        this.imports = imports;
    }

    @GetMapping
    String list(Viewer viewer, Model model) {
        model.addAttribute("jobs", imports.jobs(viewer));
        model.addAttribute("kinds", RecordKind.values());
        return "ingest/imports";
    }

    @PostMapping
    String upload(Viewer viewer, @RequestParam String kind, @RequestParam MultipartFile file, @RequestParam(required = false) String source,
                  RedirectAttributes redirect) throws IOException {
        RecordKind recordKind = RecordKind.byKey(kind).orElseThrow(() -> new InvalidInputException("kind", "'" + kind + "' is not a kind of record"));
        if (file.isEmpty()) {
            redirect.addFlashAttribute("error", "Choose a CSV or XLSX file to upload.");
            return "redirect:/imports";
        }
        try (InputStream content = file.getInputStream()) {
            ImportJob job = imports.upload(viewer, recordKind, file.getOriginalFilename(), content, source);
            redirect.addFlashAttribute("message", "Uploaded " + job.fileName() + ". Check the guessed columns below, then check the file.");
            return "redirect:/imports/" + job.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "This file cannot be read: " + e.reason());
            return "redirect:/imports";
        }
    }

    @GetMapping("/{id}")
    String job(Viewer viewer, @PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        ImportJob job = imports.job(viewer, id);
        model.addAttribute("job", job);
        model.addAttribute("preview", imports.preview(viewer, job));
        model.addAttribute("fields", job.kind().fields());
        model.addAttribute("locales", ReadingRules.LOCALES.stream().map(l -> new Choice(l, l + "  (" + ReadingRules.example(l) + ")")).toList());
        model.addAttribute("dateFormats", ReadingRules.DATE_FORMATS.entrySet().stream().map(e -> new Choice(e.getKey(), e.getValue())).toList());
        model.addAttribute("templates", imports.templates(viewer, job.kind()));
        model.addAttribute("progress", imports.progress(job));
        int from = Math.max(0, page) * REJECTIONS_PER_PAGE;
        model.addAttribute("rejections", imports.rejections(viewer, id, from, REJECTIONS_PER_PAGE));
        model.addAttribute("reasons", imports.rejectionGroups(viewer, id, 10));
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("pages", (imports.rejectionCount(viewer, id) + REJECTIONS_PER_PAGE - 1) / REJECTIONS_PER_PAGE);
        return "ingest/import";
    }

    /** The progress bar, polled while a check or commit runs; when it has finished, the page reloads itself. */
    @GetMapping("/{id}/progress")
    String progress(Viewer viewer, @PathVariable long id, Model model, HttpServletResponse response) {
        ImportJob job = imports.job(viewer, id);
        if (!job.state().running()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("job", job);
        model.addAttribute("progress", imports.progress(job));
        return "ingest/import :: progress";
    }

    record Choice(String value, String label) {
    }

    @PostMapping("/{id}/settings")
    String settings(Viewer viewer, @PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        boolean thenCheck = "check".equals(form.get("action"));
        return attempt(redirect, id, () -> {
            imports.configure(viewer, id, form.get("source"), settings(imports.job(viewer, id).kind(), form));
            if (thenCheck) {
                imports.check(viewer, id);
                return "Checking the file: nothing is written until you commit.";
            }
            return "Settings saved. Check the file to see what it would do.";
        });
    }

    @PostMapping("/{id}/commit")
    String commit(Viewer viewer, @PathVariable long id, @RequestParam(defaultValue = "false") boolean skipRejected, RedirectAttributes redirect) {
        return attempt(redirect, id, () -> {
            imports.commit(viewer, id, skipRejected);
            return "Committing: all rows are written together, or none.";
        });
    }

    @PostMapping("/{id}/template")
    String saveTemplate(Viewer viewer, @PathVariable long id, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, id, () -> "Saved as the template '" + imports.saveTemplate(viewer, id, name).name() + "'.");
    }

    @PostMapping("/{id}/apply-template")
    String applyTemplate(Viewer viewer, @PathVariable long id, @RequestParam long templateId, RedirectAttributes redirect) {
        return attempt(redirect, id, () -> {
            imports.applyTemplate(viewer, id, templateId);
            return "Template applied. Check the file to see what it would do.";
        });
    }

    @PostMapping("/{id}/discard")
    String discard(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        String name = imports.job(viewer, id).fileName();
        imports.discard(viewer, id);
        redirect.addFlashAttribute("message", "The import of " + name + " is discarded and its file deleted.");
        return "redirect:/imports";
    }

    /** Reads the mapping form: column_&lt;field&gt; names a column, constant_&lt;field&gt; a value for every row. */
    static ImportSettings settings(RecordKind kind, Map<String, String> form) {
        Map<String, String> columns = new HashMap<>();
        Map<String, String> constants = new HashMap<>();
        for (RecordKind.Field field : kind.fields()) {
            String column = form.get("column_" + field.key());
            String constant = form.get("constant_" + field.key());
            if (column != null && !column.isBlank()) {
                columns.put(field.key(), column);
            } else if (constant != null && !constant.isBlank()) {
                constants.put(field.key(), constant);
            }
        }
        return new ImportSettings(columns, constants, form.get("locale"), form.get("dateFormat"), form.get("emailDomain"),
                "true".equals(form.get("skipLookalikes")));
    }

    private static String attempt(RedirectAttributes redirect, long id, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/imports/" + id;
    }
}
