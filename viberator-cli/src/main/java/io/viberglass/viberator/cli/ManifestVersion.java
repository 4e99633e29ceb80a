package io.viberglass.viberator.cli;

import picocli.CommandLine;

/** {@code --version}: the jar manifest's Implementation-Version, or "development build" when run from classes. */
final class ManifestVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "viberator " + (version == null ? "development build" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
