/**
 * Machine-readable reports: {@link dev.phalanx.secrets.report.JsonReports} renders audits, plans,
 * syncs and listings in the one versioned JSON envelope the command-line tool prints with {@code
 * --format json}, described by the JSON Schema {@link
 * dev.phalanx.secrets.report.JsonReports#SCHEMA_RESOURCE}.
 */
@NullMarked
package dev.phalanx.secrets.report;

import org.jspecify.annotations.NullMarked;
