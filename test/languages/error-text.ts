/**
 * Finds the library's error for invalid props in what a failed synth printed. Each runtime wraps
 * it its own way (Node.js `Error: `, Python `RuntimeError: `, Java `software.amazon.jsii.JsiiError: `,
 * Go `panic: `, and the JavaScript stack after it): the header line from "Invalid
 * ConnectionInvitation" on, and the problem lines under it, without their indentation, are what
 * must be the same in every language.
 */
export function libraryError(output: string): string | undefined {
  const lines = output.split(/\r?\n/);
  // The last report: runtimes that print the JavaScript error before their own show it twice.
  let header = -1;
  lines.forEach((line, i) => { if (/Invalid ConnectionInvitation \S+:$/.test(line)) header = i; });
  if (header < 0) return undefined;
  const found = [lines[header].slice(lines[header].indexOf('Invalid ConnectionInvitation'))];
  for (const line of lines.slice(header + 1)) {
    if (!/^\s+`/.test(line)) break;
    found.push(line.trim());
  }
  return found.join('\n');
}
