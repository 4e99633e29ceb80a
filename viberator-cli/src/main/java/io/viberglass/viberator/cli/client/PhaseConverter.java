package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Phase;
import picocli.CommandLine;

/** {@code --phase research|planning|execution}; an unknown name lists the allowed ones. */
final class PhaseConverter implements CommandLine.ITypeConverter<Phase> {
    @Override
    public Phase convert(String value) {
        return Phase.fromWire(value);
    }
}
