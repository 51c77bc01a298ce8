import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The Sphinx Trigger keeps its Production URL (with the shared token) in the workflow's global
 * static data when the workflow is activated, so that Case › Create in the same workflow can hand
 * it to Sphinx as `webhook_url`.
 */
export const TRIGGER_URL_KEY = 'sphinxTriggerUrl';

export function rememberTriggerUrl(staticData: IDataObject, url: string): void {
	staticData[TRIGGER_URL_KEY] = url;
}

export function forgetTriggerUrl(staticData: IDataObject, url: string): void {
	if (staticData[TRIGGER_URL_KEY] === url) delete staticData[TRIGGER_URL_KEY];
}

/** The URL with the token as a query parameter, the form to paste into a case. */
export function withToken(url: string, token: string): string {
	if (!token) return url;
	return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

export function triggerUrlOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const url = ctx.getWorkflowStaticData('global')[TRIGGER_URL_KEY];
	if (typeof url === 'string' && url) return url;
	throw new NodeOperationError(ctx.getNode(), `Webhook: this workflow has no active Sphinx Trigger whose URL could be used [item ${itemIndex}]`, {
		itemIndex,
		description:
			'Add a Sphinx Trigger to this workflow and activate the workflow once (the trigger then records its Production URL), or set Webhook to "Enter a URL" and paste the trigger\'s URL with ?token=… yourself.',
	});
}
