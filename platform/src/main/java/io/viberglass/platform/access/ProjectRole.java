package io.viberglass.platform.access;

import io.viberglass.common.job.WireEnum;

/**
 * A user's role in one project, each including the ones before it: viewers read; members also write tickets,
 * comments, runs and claws; approvers also approve documents and override the phase workflow; admins also change
 * the project's settings, repository, prompts, secrets and members.
 */
public enum ProjectRole implements WireEnum {
    VIEWER,
    MEMBER,
    APPROVER,
    ADMIN;

    public boolean atLeast(ProjectRole needed) {
        return ordinal() >= needed.ordinal();
    }
}
