// The package's main: every credential and node class of package.json's `n8n` section, by
// class name, from dist/ (`npm run build` writes it; the published tarball ships it). Each is
// loaded on first use, so requiring the package stays cheap. n8n itself loads the files that the
// `n8n` section lists; this is for programmatic users and tests. test/unit/index.test.ts keeps
// this list and the `n8n` section identical.
'use strict';

module.exports = {
	// credentials
	get PersonaApi() {
		return require('./dist/credentials/PersonaApi.credentials').PersonaApi;
	},
	get CertnApi() {
		return require('./dist/credentials/CertnApi.credentials').CertnApi;
	},
	get ZenooApi() {
		return require('./dist/credentials/ZenooApi.credentials').ZenooApi;
	},
	get SphinxApi() {
		return require('./dist/credentials/SphinxApi.credentials').SphinxApi;
	},
	get PenboxApi() {
		return require('./dist/credentials/PenboxApi.credentials').PenboxApi;
	},
	get SphinxOAuth2Api() {
		return require('./dist/credentials/SphinxOAuth2Api.credentials').SphinxOAuth2Api;
	},
	// nodes
	get Persona() {
		return require('./dist/nodes/Persona/Persona.node').Persona;
	},
	get PersonaTrigger() {
		return require('./dist/nodes/Persona/PersonaTrigger.node').PersonaTrigger;
	},
	get PersonaPollTrigger() {
		return require('./dist/nodes/Persona/PersonaPollTrigger.node').PersonaPollTrigger;
	},
	get Certn() {
		return require('./dist/nodes/Certn/Certn.node').Certn;
	},
	get CertnTrigger() {
		return require('./dist/nodes/Certn/CertnTrigger.node').CertnTrigger;
	},
	get CertnPollTrigger() {
		return require('./dist/nodes/Certn/CertnPollTrigger.node').CertnPollTrigger;
	},
	get Zenoo() {
		return require('./dist/nodes/Zenoo/Zenoo.node').Zenoo;
	},
	get Sphinx() {
		return require('./dist/nodes/Sphinx/Sphinx.node').Sphinx;
	},
	get SphinxTrigger() {
		return require('./dist/nodes/Sphinx/SphinxTrigger.node').SphinxTrigger;
	},
	get SphinxPollTrigger() {
		return require('./dist/nodes/Sphinx/SphinxPollTrigger.node').SphinxPollTrigger;
	},
	get ZenooTrigger() {
		return require('./dist/nodes/Zenoo/ZenooTrigger.node').ZenooTrigger;
	},
	get ZenooPollTrigger() {
		return require('./dist/nodes/Zenoo/ZenooPollTrigger.node').ZenooPollTrigger;
	},
	get Penbox() {
		return require('./dist/nodes/Penbox/Penbox.node').Penbox;
	},
	get PenboxTrigger() {
		return require('./dist/nodes/Penbox/PenboxTrigger.node').PenboxTrigger;
	},
	get PenboxWebhookTrigger() {
		return require('./dist/nodes/Penbox/PenboxWebhookTrigger.node').PenboxWebhookTrigger;
	},
};
