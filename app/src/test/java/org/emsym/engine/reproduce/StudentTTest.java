package org.emsym.engine.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Quantiles against the printed table of Student's t (two-sided 95%: t at 0.975). */
class StudentTTest {

    @ParameterizedTest
    @CsvSource({"1, 12.7062", "2, 4.3027", "3, 3.1824", "4, 2.7764", "5, 2.5706", "10, 2.2281", "30, 2.0423"})
    void quantileAt975MatchesTheTable(int degrees, double expected) {
        assertEquals(expected, StudentT.quantile(0.975, degrees), 1e-4);
        assertEquals(-expected, StudentT.quantile(0.025, degrees), 1e-4);
    }

    @Test
    void cdfHasClosedFormsForOneAndTwoDegrees() {
        // ν = 1 is the Cauchy distribution, ν = 2 has F(t) = 1/2 + t / (2 √(2 + t²))
        assertEquals(0.5 + Math.atan(1.7) / Math.PI, StudentT.cdf(1.7, 1), 1e-12);
        assertEquals(0.5 + 1.3 / (2 * Math.sqrt(2 + 1.69)), StudentT.cdf(1.3, 2), 1e-12);
        assertEquals(0.5, StudentT.cdf(0, 7), 1e-15);
        assertEquals(1 - StudentT.cdf(0.8, 9), StudentT.cdf(-0.8, 9), 1e-12);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.975, 0));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 3));
    }
}
