// Placeholder entry, replaced by the handler.
export const handler = async (): Promise<void> => undefined;
