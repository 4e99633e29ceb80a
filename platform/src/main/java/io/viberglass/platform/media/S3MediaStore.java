package io.viberglass.platform.media;

import java.io.InputStream;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Files in an S3 bucket under a prefix; what a multi-replica deployment on AWS uses. */
public class S3MediaStore implements MediaStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3MediaStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public String put(String key, byte[] content, String contentType) {
        String objectKey = prefix + key;
        s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(contentType), RequestBody.fromBytes(content));
        return "s3://" + bucket + "/" + objectKey;
    }

    @Override
    public InputStream open(String storageUrl) {
        URI uri = URI.create(storageUrl);
        return s3.getObject(b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)));
    }

    @Override
    public void delete(String storageUrl) {
        try {
            URI uri = URI.create(storageUrl);
            s3.deleteObject(b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)));
        } catch (RuntimeException e) {
            LOG.warn("Could not delete media object {}: {}", storageUrl, e.getMessage());
        }
    }
}
