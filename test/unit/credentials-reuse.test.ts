import { CertnApi } from '../../credentials/CertnApi.credentials';
import { PenboxApi } from '../../credentials/PenboxApi.credentials';
import { PersonaApi } from '../../credentials/PersonaApi.credentials';
import { SphinxApi } from '../../credentials/SphinxApi.credentials';
import { SphinxOAuth2Api } from '../../credentials/SphinxOAuth2Api.credentials';
import { ZenooApi } from '../../credentials/ZenooApi.credentials';
import { packageJson } from '../helpers/pack';

/**
 * core/request.ts hands the credentials it read to n8n's httpRequestWithAuthentication
 * (credentialsDecrypted), so n8n does not read them again per request. That is only right for a
 * credential type without preAuthentication: n8n would refresh its expirable token on a copy
 * and never see the stored one. A credential that adds preAuthentication must change that first.
 */
const ALL = [new PersonaApi(), new CertnApi(), new ZenooApi(), new SphinxApi(), new PenboxApi(), new SphinxOAuth2Api()];

describe('credentials handed to n8n request by request', () => {
	it('covers every credential the package lists', () => {
		const listed = (packageJson().n8n.credentials as string[]).map((f) => f.replace(/^.*\/(\w+)\.credentials\.js$/, '$1'));
		expect(listed.sort()).toEqual(ALL.map((c) => c.constructor.name).sort());
	});

	it.each(ALL)(
		'$name has no preAuthentication',
		(credential) => {
			expect((credential as { preAuthentication?: unknown }).preAuthentication).toBeUndefined();
		},
	);

	it('OAuth2 credentials extend oAuth2Api (n8n reads and refreshes those itself)', () => {
		expect(new SphinxOAuth2Api().extends).toContain('oAuth2Api');
	});
});
