package io.viberglass.common.security;

import java.util.Objects;

/**
 * A secret held in memory. {@link #toString()} never shows the value, so logging or serialising the holder by
 * accident leaks nothing; {@link #reveal()} is the single, greppable place where the value is read.
 */
public final class SecretValue {
    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static SecretValue of(String value) {
        return new SecretValue(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && Tokens.constantTimeEquals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }
}
