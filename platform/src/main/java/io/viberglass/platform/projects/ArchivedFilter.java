package io.viberglass.platform.projects;

/** Which rows a list shows with respect to archiving. */
public enum ArchivedFilter {
    exclude,
    only,
    include
}
