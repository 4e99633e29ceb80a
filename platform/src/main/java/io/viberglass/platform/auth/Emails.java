package io.viberglass.platform.auth;

import io.viberglass.platform.infra.errors.DomainException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses are stored and compared trimmed and in lower case. */
public final class Emails {
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private Emails() {}

    public static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The normalized address, or a 400 naming the field when it is not one. */
    public static String require(String email) {
        String normalized = normalize(email);
        if (normalized.length() > 320 || !SHAPE.matcher(normalized).matches()) {
            throw DomainException.invalid("INVALID_EMAIL", "email", "must be an email address");
        }
        return normalized;
    }
}
