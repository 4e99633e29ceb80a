package io.viberglass.viberator.cli;

import io.viberglass.common.security.SecretRedactor;
import java.util.ArrayList;
import java.util.List;

/** A redactor for a few loose secret values known to the CLI (the callback token) before credentials exist. */
final class SecretValueRedaction {
    private SecretValueRedaction() {}

    static SecretRedactor of(String... values) {
        List<String> known = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                known.add(value);
            }
        }
        return SecretRedactor.shapesOnly().withKnownValues(known);
    }
}
