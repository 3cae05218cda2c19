/** Resolves when the Chroma server at `url` answers its heartbeat. */
export async function checkChroma(url: string, timeoutMs = 1_000): Promise<void> {
  const response = await fetch(new URL('/api/v2/heartbeat', url), {
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    throw new Error(
      `Chroma at ${url} is unreachable: check CHROMA_URL and that Chroma is running`,
      {
        cause: error,
      },
    );
  });
  if (!response.ok) throw new Error(`Chroma heartbeat answered ${response.status}`);
}
