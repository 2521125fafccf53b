/**
 * The KNIME stand-in's test-harness doors (not KNIME API): creating what only KNIME's framework creates and
 * reading what only it reads. The stand-in's KNIME packages hold only KNIME's public and protected API.
 */
package org.emsym.knime.standin;
