// Text that came from a bundle, a package or a certificate is printed with its control
// characters made visible: an ESC sequence, a CR or a line feed in a file or certificate
// name must not be able to redraw the terminal and hide or fake a line of the verdict.

/** One line of output with every control character (line feeds too) and bidi override shown as \xNN. */
export function escapeForTerminal(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Lines joined for the terminal, each escaped. */
export function terminalText(lines: string[]): string {
  return lines.map(escapeForTerminal).join('\n') + '\n';
}
