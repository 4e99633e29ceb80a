package io.viberglass.platform.tickets;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.ErrorKind;
import io.viberglass.platform.infra.errors.FieldError;
import io.viberglass.platform.media.MediaTypes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks an upload's size, declared type and real content before anything is stored. */
final class MediaValidator {
    private final long maxFileBytes;

    MediaValidator(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** The content type to store the upload under. */
    String check(Upload upload) {
        if (upload.content().length > maxFileBytes) {
            throw new DomainException(
                    ErrorKind.TOO_LARGE,
                    "MEDIA_TOO_LARGE",
                    upload.field() + " is larger than " + maxFileBytes + " bytes",
                    List.of(new FieldError(upload.field(), "must be at most " + maxFileBytes + " bytes")));
        }
        if (upload.content().length == 0) {
            throw DomainException.invalid("MEDIA_EMPTY", upload.field(), "is empty");
        }
        Set<String> allowed = upload.kind() == MediaKind.SCREENSHOT ? MediaTypes.IMAGES : MediaTypes.VIDEOS;
        Optional<String> actual = MediaTypes.sniff(upload.content());
        if (actual.isEmpty() || !allowed.contains(actual.get())) {
            throw DomainException.invalid(
                    "MEDIA_TYPE_NOT_ALLOWED",
                    upload.field(),
                    "must be one of " + allowed.stream().sorted().toList());
        }
        String declared =
                upload.declaredType() == null ? "" : upload.declaredType().toLowerCase();
        if (!declared.isEmpty() && !declared.equals("application/octet-stream") && !declared.equals(actual.get())) {
            throw DomainException.invalid(
                    "MEDIA_TYPE_MISMATCH",
                    upload.field(),
                    "is declared as " + declared + " but its content is " + actual.get());
        }
        return actual.get();
    }
}
