package io.viberglass.platform.auth;

import io.viberglass.platform.infra.errors.DomainException;
import java.util.Locale;

/** What a password must be: 12 to 256 characters, not blank, and not the account's own email address. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {}

    public static void check(String password, String email) {
        check(password, email, "password");
    }

    /** The same rules, reporting the failure against {@code field}. */
    public static void check(String password, String email, String field) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw DomainException.invalid(
                    "WEAK_PASSWORD", field, "must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            throw DomainException.invalid("WEAK_PASSWORD", field, "must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.isBlank()) {
            throw DomainException.invalid("WEAK_PASSWORD", field, "must not be blank");
        }
        if (email != null && password.trim().toLowerCase(Locale.ROOT).equals(email)) {
            throw DomainException.invalid("WEAK_PASSWORD", field, "must not be the email address");
        }
    }
}
