package io.shopscale.kit.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModuleMigrationsTest {

    @Test
    void theVersionsCarriedAreTheVersionedMigrationsOnTheClassPathAsFlywayRecordsThem() {
        assertThat(ModuleMigrations.carriedVersions(new ModuleSchema("kit_sample")))
                .containsExactlyInAnyOrder("1", "1.1", "2");
    }

    @Test
    void aModuleWithoutMigrationsCarriesNone() {
        assertThat(ModuleMigrations.carriedVersions(new ModuleSchema("kit_nothing"))).isEmpty();
    }

    @Test
    void versionsAreReadFromFileNames() {
        assertThat(ModuleMigrations.versionOf("V12__orders.sql")).isEqualTo("12");
        assertThat(ModuleMigrations.versionOf("V2_5_1__fix_index.sql")).isEqualTo("2.5.1");
    }
}
