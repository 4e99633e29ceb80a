package io.viberglass.platform.secrets;

import io.viberglass.common.job.WireEnum;

/** Where a secret's value lives. */
public enum SecretStorage implements WireEnum {
    /** An environment variable of the platform (the variable's name is stored, never the value). */
    ENV,
    /** Encrypted in PostgreSQL with AES-256-GCM under a configured key. */
    DATABASE,
    /** An AWS SSM Parameter Store SecureString. */
    SSM
}
