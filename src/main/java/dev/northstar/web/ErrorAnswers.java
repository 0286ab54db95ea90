package dev.northstar.web;

import dev.northstar.access.AccessRefusedException;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * One translation of errors for the whole application: the API gets RFC 9457 problem details, people get a
 * page that says in words what happened and what to do.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before Boot's generic problem-details handler
class ErrorAnswers {

    private final ViewerModel viewerModel;

    ErrorAnswers(ViewerModel viewerModel) {
        this.viewerModel = viewerModel;
    }

    @ExceptionHandler(AccessRefusedException.class)
    Object refused(AccessRefusedException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), null);
    }

    @ExceptionHandler(NotFoundException.class)
    Object notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    Object conflict(ConflictException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, HttpStatus.CONFLICT, "Not possible now", e.getMessage(), null);
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalid(InvalidInputException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage(), e.field());
    }

    /** A body that could not be read: a field rejected while building the request (named), or malformed JSON. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid(invalid, request, response);
            }
        }
        return answer(request, response, HttpStatus.BAD_REQUEST, "Invalid input",
                "the request body is not the JSON this endpoint expects: " + e.getMostSpecificCause().getMessage(), null);
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                 String title, String detail, String field) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/")) { // the API paths of SecurityConfiguration
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            if (field != null) {
                problem.setProperty("field", field);
            }
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        response.setStatus(status.value());
        var page = new ModelAndView("error/explained", status);
        page.addObject("title", title);
        page.addObject("detail", Character.toUpperCase(detail.charAt(0)) + detail.substring(1) + (detail.endsWith(".") ? "" : "."));
        page.addObject("status", status.value());
        page.addObject("viewer", viewerModel.viewer()); // exception views do not get @ModelAttribute values: the header needs it
        return page;
    }
}
