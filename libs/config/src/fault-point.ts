/**
 * Fault injection for crash tests: when `FAULT_EXIT_AT` names this point, the process exits at once
 * (as if killed), so tests can prove nothing is lost or applied twice across a crash there. Off
 * unless set; the only place outside config loaders that reads the environment, on purpose: it must
 * work in every process without wiring.
 */
export function faultPoint(name: string): void {
  const wanted = process.env['FAULT_EXIT_AT'];
  if (wanted === undefined || wanted === '') return;
  if (wanted.split(',').includes(name)) {
    process.stderr.write(`fault injection: exiting at "${name}"\n`);
    process.exit(Number(process.env['FAULT_EXIT_CODE'] ?? 137));
  }
}
