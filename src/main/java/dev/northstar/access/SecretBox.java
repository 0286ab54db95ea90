package dev.northstar.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals the secrets Northstar must use again later (a webhook's signing secret, a chat channel's address, a
 * connector's password) so that the database holds only ciphertext: AES-256-GCM under the installation's key.
 * The key is {@code northstar.secrets.key} (32 bytes in base64: {@code openssl rand -base64 32}); without it, a key
 * is made once in {@code <data-dir>/secrets.key} and kept there, which suits the demo and a single server.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${northstar.secrets.key:}") String configured, @Value("${northstar.database.data-dir}") String dataDir) {
        this.key = new SecretKeySpec(configured.isBlank() ? keptKey(Path.of(dataDir, "secrets.key")) : decoded(configured), "AES");
    }

    public String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** The secret back; fails if it was sealed under another key or changed since. */
    public String open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret could not be opened: it was sealed under another northstar.secrets.key", e);
        }
    }

    private static byte[] decoded(String configured) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new IllegalStateException("northstar.secrets.key must be 32 bytes in base64 (openssl rand -base64 32)");
        }
        return key;
    }

    private byte[] keptKey(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                // Written whole and private in a file of its own, then linked to its name, which fails if another
                // instance got there first: nobody ever reads a half-written key.
                Path made = Files.createTempFile(file.toAbsolutePath().getParent(), "secrets", ".key",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(made, Base64.getEncoder().encodeToString(key));
                    Files.createLink(file, made);
                    log.warn("No northstar.secrets.key set: made one in {}. Set northstar.secrets.key for a server of your own, and keep it:"
                            + " secrets sealed under a lost key cannot be read again.", file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    // another instance made it meanwhile: theirs is the key
                } finally {
                    Files.deleteIfExists(made);
                }
            }
            try {
                return decoded(Files.readString(file));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("The secrets key in " + file.toAbsolutePath() + " is not 32 bytes in base64: restore it,"
                        + " or set northstar.secrets.key", e);
            }
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("Cannot keep a private secrets key on this file system: set northstar.secrets.key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the secrets key in " + file.toAbsolutePath(), e);
        }
    }
}
