package io.viberglass.platform.media;

import java.io.IOException;
import java.io.InputStream;

/** Where uploaded files live. Implementations return a storage URL ({@code file://…} or {@code s3://…}) to keep. */
public interface MediaStore {
    String put(String key, byte[] content, String contentType) throws IOException;

    InputStream open(String storageUrl) throws IOException;

    /** Best effort: a file that cannot be removed is logged, not fatal. */
    void delete(String storageUrl);
}
