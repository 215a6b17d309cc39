package io.pgdbm.junit.internal;

import io.pgdbm.internal.Resources;
import io.pgdbm.junit.Fingerprint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A {@link Fingerprint} that is a SHA-256 over everything added, each part delimited so that none runs into the next. */
public final class FingerprintDigest implements Fingerprint {
    private final MessageDigest digest;

    public FingerprintDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public FingerprintDigest add(String... parts) {
        for (String part : parts) {
            add(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public FingerprintDigest add(byte[] content) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(content.length).array());
        digest.update(content);
        return this;
    }

    @Override
    public FingerprintDigest addLocation(String location) {
        add("location", location);
        for (Resources.Entry entry : Resources.list(location)) {
            add(entry.path()).add(entry.content());
        }
        return add("end of location");
    }

    @Override
    public FingerprintDigest addFile(String location) {
        add("file", location);
        Resources.read(location).ifPresentOrElse(this::add, () -> add("missing"));
        return this;
    }

    /** The SHA-256 of everything added so far, in hex; ends this digest. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
