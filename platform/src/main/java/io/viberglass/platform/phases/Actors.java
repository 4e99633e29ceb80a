package io.viberglass.platform.phases;

/** The acting user recorded on revisions, comments and approvals when authentication is off. */
final class Actors {
    static final String LOCAL = "local-admin";

    private Actors() {}
}
