// Time zones and periods: wall clocks of instants (zoned.ts) and qualification periods (periods.ts).
export * from "./zoned";
export * from "./periods";
