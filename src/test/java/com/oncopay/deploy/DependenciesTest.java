package com.oncopay.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/** Dependencies replaced for security reasons stay replaced (issue 17; docs/DEPENDENCIES.md). */
class DependenciesTest {
    @Test
    void lz4_comes_from_the_maintained_fork_and_works() {
        String jar = LZ4Factory.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString();
        assertTrue(jar.contains("at/yawk/lz4"), "LZ4 is loaded from " + jar);
        byte[] data = "特药直付 dispatch event ".repeat(50).getBytes(StandardCharsets.UTF_8);
        LZ4Factory lz4 = LZ4Factory.fastestJavaInstance();
        byte[] packed = lz4.fastCompressor().compress(data);
        assertArrayEquals(data, lz4.safeDecompressor().decompress(packed, data.length));
    }
}
