package io.viberglass.platform.infra.errors;

import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.model.Invocable;

/**
 * Bean-validation failures become a 400 naming each field (Dropwizard's default answers 422 without field names).
 * Body fields are named by their JSON path ({@code settings.maxChanges}); query, path and header parameters by their
 * parameter name.
 */
public class ViolationExceptionMapper implements ExceptionMapper<JerseyViolationException> {
    @Override
    public Response toResponse(JerseyViolationException exception) {
        List<FieldError> details = exception.getConstraintViolations().stream()
                .map(violation ->
                        new FieldError(fieldName(violation, exception.getInvocable()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        String summary = details.size() == 1
                ? details.get(0).field() + " " + details.get(0).message()
                : details.size() + " fields are invalid";
        return ErrorResponses.invalid(summary, details);
    }

    static String fieldName(ConstraintViolation<?> violation, Invocable invocable) {
        List<String> names = new ArrayList<>();
        boolean afterParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                Parameter parameter = invocable.getParameters().get(index);
                String source = parameter.getSourceName();
                if (parameter.getSource() != Parameter.Source.ENTITY && source != null && !source.isEmpty()) {
                    names.add(source);
                }
                afterParameter = true;
                continue;
            }
            if (!afterParameter && node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !names.isEmpty()) {
                int last = names.size() - 1;
                names.set(last, names.get(last) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                names.add(name);
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
