package dev.northstar.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

    @Test
    void aSealedSecretOpensUnderItsKeyOnlyAndNeverReadsTheSameTwice(@TempDir Path dir) {
        SecretBox box = new SecretBox(KEY, dir.toString());
        String sealed = box.seal("https://hooks.slack.com/services/T0/B0/xyz");
        assertThat(sealed).startsWith("v1:").doesNotContain("hooks.slack.com");
        assertThat(box.seal("https://hooks.slack.com/services/T0/B0/xyz")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("https://hooks.slack.com/services/T0/B0/xyz");
        assertThatThrownBy(() -> new SecretBox(OTHER_KEY, dir.toString()).open(sealed)).hasMessageContaining("sealed under another");
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsMadeOnceAndKeptPrivate(@TempDir Path dir) throws Exception {
        String sealed = new SecretBox("", dir.toString()).seal("s3cret");
        Path file = dir.resolve("secrets.key");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new SecretBox("", dir.toString()).open(sealed)).as("a restart reads the kept key").isEqualTo("s3cret");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedWithHowToMakeOne(@TempDir Path dir) {
        assertThatThrownBy(() -> new SecretBox("short", dir.toString())).hasMessageContaining("openssl rand -base64 32");
    }
}
