package io.viberglass.platform.phases;

/** A research or planning phase of a ticket: its document and its newest run. */
public record PhaseView(DocumentView document, PhaseRun latestRun) {}
