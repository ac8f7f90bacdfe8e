/** The SDK error name a call fails with (its modelled shape name, e.g. RepositoryNotFoundException). */
export async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return (error as Error).name
  }
  throw new Error('expected the call to fail')
}
