package io.viberglass.platform.tickets;

import io.viberglass.common.job.WireEnum;

/** The system a ticket came from. */
public enum TicketSystem implements WireEnum {
    JIRA,
    LINEAR,
    GITHUB,
    GITLAB,
    BITBUCKET,
    AZURE,
    ASANA,
    TRELLO,
    MONDAY,
    CLICKUP,
    SHORTCUT,
    SLACK,
    CUSTOM
}
