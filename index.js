// Main entry: the compiled node and credential classes. n8n itself loads them from the
// paths in package.json's "n8n" block.
module.exports = {
	HeroHealth: require('./dist/nodes/HeroHealth/HeroHealth.node.js').HeroHealth,
	HeroHealthTrigger: require('./dist/nodes/HeroHealthTrigger/HeroHealthTrigger.node.js')
		.HeroHealthTrigger,
	HeroHealthOutcomesTrigger:
		require('./dist/nodes/HeroHealthOutcomesTrigger/HeroHealthOutcomesTrigger.node.js')
			.HeroHealthOutcomesTrigger,
	HeroHealthApi: require('./dist/credentials/HeroHealthApi.credentials.js').HeroHealthApi,
};
