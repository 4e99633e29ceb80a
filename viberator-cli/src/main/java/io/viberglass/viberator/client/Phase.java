package io.viberglass.viberator.client;

import io.viberglass.common.job.WireEnum;

/** A ticket's workflow phase as the command line names it, with the API path that starts its run. */
public enum Phase implements WireEnum {
    RESEARCH("/phases/research/run"),
    PLANNING("/phases/planning/run"),
    EXECUTION("/run");

    private final String runPath;

    Phase(String runPath) {
        this.runPath = runPath;
    }

    String runPath() {
        return runPath;
    }

    /** Research and planning produce a document (RESEARCH.md, PLAN.md); execution a pull request. */
    public boolean hasDocument() {
        return this != EXECUTION;
    }

    public static Phase fromWire(String value) {
        return WireEnum.parse(Phase.class, value);
    }
}
