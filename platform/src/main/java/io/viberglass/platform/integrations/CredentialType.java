package io.viberglass.platform.integrations;

import io.viberglass.common.job.WireEnum;

/** What kind of value an integration credential's secret holds. */
public enum CredentialType implements WireEnum {
    TOKEN,
    BASIC,
    OAUTH,
    SSH_KEY
}
