// placeholder until the DealRulesData stage lands
