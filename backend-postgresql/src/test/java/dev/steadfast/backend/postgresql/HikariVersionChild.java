package dev.steadfast.backend.postgresql;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/**
 * {@link StoreCommandChild} that first prints {@code hikari <jar>}: the file HikariCP was loaded from, so a test
 * can tell which version the store runs on.
 */
public final class HikariVersionChild {
    private HikariVersionChild() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(HikariDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        System.out.println("hikari " + jar.getFileName());
        StoreCommandChild.main(args);
    }
}
