package io.shopscale.kit.web;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;

/** Turns every failure of the shop's web layer into an RFC 9457 problem detail with a message a person can act on. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ShopProblem.class)
    ResponseEntity<ProblemDetail> shopProblem(ShopProblem problem) {
        return problem(problem.status(), problem.title(), problem.detail());
    }

    /**
     * The database is unreachable or busy: nothing was committed, and another replica or a retry may succeed. A
     * transaction that could not begin (no connection within the pool's timeout, or a connection that broke while
     * it was set up) is the same case, though Spring reports it outside its data access hierarchy.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        // The root cause says which: the pool's counts ("total=5, active=5, idle=0, waiting=12": every connection
        // busy) or the driver's error (nothing answered).
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        log.warn("Database unavailable: {}{}", e.getMessage(), cause == e ? "" : " (" + cause.getMessage() + ")");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "The database did not answer in time. Nothing was changed; try again shortly.");
    }

    /**
     * A transaction whose rollback failed, because the database dropped the connection (a restart, or HAProxy going
     * away): nothing was committed, so the request answers 503 as for any unreachable database, or as its own
     * failure would when that was the shop's answer to the request. The pool reports a connection it has already
     * closed without an SQL state, so Spring cannot translate the rollback's failure itself. A failed commit, whose
     * outcome is unknown, or a rollback after a failure that was not the database's, stays unexpected.
     */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<ProblemDetail> transactionFailed(TransactionSystemException e) throws Exception {
        Throwable original = e.getApplicationException();
        if (original instanceof ShopProblem problem) {
            return shopProblem(problem);
        }
        boolean rolledBack = e.getMessage() != null && e.getMessage().startsWith("JDBC rollback");
        if (rolledBack && (original == null || original instanceof DataAccessException
                || original instanceof CannotCreateTransactionException)) {
            return databaseUnavailable(original == null ? e : (RuntimeException) original);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.security.core.AuthenticationException
                || e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e;
        }
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side; it has been logged. Try again shortly.");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "'" + e.getName() + "' must be a valid " + simpleType(e.getRequiredType()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The request body is not valid JSON of the expected shape."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return asObject(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getAllErrors().stream()
                .map(error -> error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return asObject(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            ServletRequestBindingException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return asObject(problem(HttpStatus.BAD_REQUEST, "Missing header",
                    "The " + missing.getHeaderName() + " header is required."));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ResponseEntity.status(status).body(body);
    }

    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return ResponseEntity.status(response.getStatusCode()).body(response.getBody());
    }

    private static String describe(FieldError error) {
        return error.getField() + " " + error.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String simpleType(@Nullable Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        return type.getSimpleName();
    }
}
