package dev.northstar.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {

    @Test
    void everyScopeIsWrittenAsItIsRead() {
        for (Scope scope : new Scope[]{Scope.COMPANY, new Scope.Department(12), new Scope.Team(5), new Scope.Person(9)}) {
            assertThat(Scope.parse(scope.key())).isEqualTo(scope);
        }
        assertThat(Scope.parse(" team:7 ")).isEqualTo(new Scope.Team(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Company", "team", "team:", "team:x", "team:-1", "group:3", "person:1234567890123456789"})
    void anythingElseIsRefusedNamingTheForms(String text) {
        assertThatThrownBy(() -> Scope.parse(text)).isInstanceOf(InvalidInputException.class).hasMessageContaining("department:{id}");
    }
}
