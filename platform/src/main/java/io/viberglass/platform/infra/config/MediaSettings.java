package io.viberglass.platform.infra.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Where ticket screenshots and recordings are stored: the local filesystem by default, S3 when a bucket is set. */
public class MediaSettings {
    @NotNull
    private String localRoot = System.getProperty("user.home") + "/.viberglass/media";

    /** S3 bucket; when set, media goes to S3 instead of the local filesystem. */
    private String s3Bucket;

    @NotNull
    private String s3Prefix = "ticket-media";

    private String s3Region;

    /** Custom S3 endpoint (MinIO, LocalStack, tests). */
    private String s3Endpoint;

    /** Largest single screenshot or recording. */
    @Min(1)
    private long maxFileBytes = 10L * 1024 * 1024;

    @JsonProperty
    public String getLocalRoot() {
        return localRoot;
    }

    @JsonProperty
    public void setLocalRoot(String localRoot) {
        this.localRoot = localRoot;
    }

    @JsonProperty
    public String getS3Bucket() {
        return s3Bucket;
    }

    @JsonProperty
    public void setS3Bucket(String s3Bucket) {
        this.s3Bucket = s3Bucket == null || s3Bucket.isBlank() ? null : s3Bucket;
    }

    @JsonProperty
    public String getS3Prefix() {
        return s3Prefix;
    }

    @JsonProperty
    public void setS3Prefix(String s3Prefix) {
        this.s3Prefix = s3Prefix;
    }

    @JsonProperty
    public String getS3Region() {
        return s3Region;
    }

    @JsonProperty
    public void setS3Region(String s3Region) {
        this.s3Region = s3Region == null || s3Region.isBlank() ? null : s3Region;
    }

    @JsonProperty
    public String getS3Endpoint() {
        return s3Endpoint;
    }

    @JsonProperty
    public void setS3Endpoint(String s3Endpoint) {
        this.s3Endpoint = s3Endpoint == null || s3Endpoint.isBlank() ? null : s3Endpoint;
    }

    @JsonProperty
    public long getMaxFileBytes() {
        return maxFileBytes;
    }

    @JsonProperty
    public void setMaxFileBytes(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }
}
