/** The server's reason for refusing the last command from this control. */
export function AckError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error-text" role="alert">
      <span aria-hidden="true">⚠</span> {message}
    </p>
  );
}
