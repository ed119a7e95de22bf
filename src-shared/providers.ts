/** How each provider is named to people, in the dashboard and the tray. */
const PROVIDER_LABELS: Record<string, string> = { anthropic: 'Anthropic', openai: 'OpenAI', gemini: 'Gemini' };

/** The provider's display name; an id the app does not know is shown as it is. */
export function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider] ?? provider;
}
