package io.viberglass.viberator.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.JobPayload;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses and validates a {@link JobPayload} with the same bean-validation rules the platform applies, so a bad payload
 * is refused before anything is cloned, with a message that names each field ({@code repository.url: must not be
 * blank}).
 */
public final class PayloadReader {
    private final ObjectMapper mapper;
    private final Validator validator;

    public PayloadReader(ObjectMapper mapper) {
        this.mapper = mapper;
        // messages in English whatever the host locale; the validator factory is built once per reader
        try (ValidatorFactory factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator(
                        Set.of(java.util.Locale.ENGLISH), java.util.Locale.ENGLISH, false))
                .buildValidatorFactory()) {
            this.validator = factory.getValidator();
        }
    }

    public JobPayload read(String json) throws InvalidPayloadException {
        JobPayload payload;
        try {
            payload = mapper.readValue(json, JobPayload.class);
        } catch (JsonMappingException e) {
            String field = path(e);
            throw new InvalidPayloadException(
                    "Invalid job payload: " + (field.isEmpty() ? "" : field + ": ") + e.getOriginalMessage(),
                    field.isEmpty() ? List.of() : List.of(field),
                    e);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(
                    "Invalid job payload: not JSON (" + e.getOriginalMessage() + ")", List.of(), e);
        }
        if (payload == null) {
            throw new InvalidPayloadException("Invalid job payload: empty", List.of(), null);
        }
        validate(payload);
        return payload;
    }

    public void validate(JobPayload payload) throws InvalidPayloadException {
        Set<ConstraintViolation<JobPayload>> violations = validator.validate(payload);
        if (violations.isEmpty()) {
            return;
        }
        List<ConstraintViolation<JobPayload>> sorted = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .toList();
        String details = sorted.stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.joining("; "));
        List<String> fields = sorted.stream()
                .map(v -> v.getPropertyPath().toString())
                .distinct()
                .toList();
        throw new InvalidPayloadException("Invalid job payload: " + details, fields, null);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
