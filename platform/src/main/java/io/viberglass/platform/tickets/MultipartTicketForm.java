package io.viberglass.platform.tickets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.WireEnum;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * Reads a multipart ticket form (text fields, JSON-string fields and the {@code screenshot} / {@code recording}
 * files) into the same request the JSON endpoint takes, collecting every bad field into one 400.
 */
final class MultipartTicketForm {
    private final ObjectMapper mapper;
    private final Validator validator;
    private final long maxFileBytes;
    private final List<FieldError> errors = new ArrayList<>();

    MultipartTicketForm(ObjectMapper mapper, Validator validator, long maxFileBytes) {
        this.mapper = mapper;
        this.validator = validator;
        this.maxFileBytes = maxFileBytes;
    }

    record Parsed(CreateTicketRequest request, List<Upload> uploads) {}

    Parsed parse(FormDataMultiPart form) {
        CreateTicketRequest request = new CreateTicketRequest(
                value(form, "projectId", UUID::fromString, "must be a UUID"),
                text(form, "title"),
                text(form, "description"),
                value(form, "severity", v -> WireEnum.parse(Severity.class, v), null),
                text(form, "category"),
                json(form, "metadata", new TypeReference<Map<String, Object>>() {}),
                json(form, "annotations", new TypeReference<List<Map<String, Object>>>() {}),
                value(form, "autoFixRequested", MultipartTicketForm::bool, "must be true or false"),
                value(form, "workflowPhase", v -> WireEnum.parse(WorkflowPhase.class, v), null),
                text(form, "workflowOverrideReason"),
                text(form, "externalTicketId"),
                text(form, "externalTicketUrl"));
        for (ConstraintViolation<CreateTicketRequest> violation : validator.validate(request)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        List<Upload> uploads = new ArrayList<>();
        file(form, MediaKind.SCREENSHOT, uploads);
        file(form, MediaKind.RECORDING, uploads);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            String summary = errors.size() == 1
                    ? errors.get(0).field() + " " + errors.get(0).message()
                    : errors.size() + " fields are invalid";
            throw DomainException.invalid("VALIDATION_ERROR", summary, errors);
        }
        return new Parsed(request, uploads);
    }

    private String text(FormDataMultiPart form, String name) {
        FormDataBodyPart part = form.getField(name);
        return part == null ? null : part.getValue();
    }

    private <T> T value(FormDataMultiPart form, String name, Function<String, T> parse, String message) {
        String raw = text(form, name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return parse.apply(raw.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, message == null ? e.getMessage() : message));
            return null;
        }
    }

    private <T> T json(FormDataMultiPart form, String name, TypeReference<T> type) {
        String raw = text(form, name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(raw, type);
        } catch (IOException e) {
            errors.add(new FieldError(name, "must be a JSON string of the right shape"));
            return null;
        }
    }

    private void file(FormDataMultiPart form, MediaKind kind, List<Upload> uploads) {
        FormDataBodyPart part = form.getField(kind.wire());
        if (part == null || part.isSimple()) {
            if (part != null && !part.getValue().isEmpty()) {
                errors.add(new FieldError(kind.wire(), "must be a file"));
            }
            return;
        }
        try (InputStream in = part.getValueAs(InputStream.class)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileBytes + 1));
            String filename = part.getContentDisposition() == null
                    ? null
                    : part.getContentDisposition().getFileName();
            uploads.add(new Upload(kind, filename, part.getMediaType().toString(), content));
        } catch (IOException e) {
            errors.add(new FieldError(kind.wire(), "could not be read"));
        }
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
