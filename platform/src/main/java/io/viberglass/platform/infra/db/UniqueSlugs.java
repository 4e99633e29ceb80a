package io.viberglass.platform.infra.db;

import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs a create or rename whose slug is picked as "the first free one": two concurrent requests can pick the same,
 * and the loser of the unique constraint tries again (in a fresh transaction) with the next one.
 */
public final class UniqueSlugs {
    private static final int ATTEMPTS = 5;

    private UniqueSlugs() {}

    /**
     * @param slugConstraint the unique constraint on the slug column
     * @param onOtherViolation turns a violation of another unique constraint (a taken name) into the answer, or
     *     returns {@code null} to rethrow
     */
    public static <T> T retrying(
            String slugConstraint,
            java.util.function.Function<String, RuntimeException> onOtherViolation,
            Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbiException e) {
                String constraint = Constraints.uniqueViolation(e).orElse(null);
                if (constraint != null && !constraint.equals(slugConstraint)) {
                    RuntimeException answer = onOtherViolation.apply(constraint);
                    if (answer != null) {
                        throw answer;
                    }
                }
                if (!slugConstraint.equals(constraint) || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
