sh.enableSharding('shop');
sh.shardCollection('shop.events', { tenantId: 'hashed' });
db.adminCommand({ reshardCollection: 'shop.orders', key: { region: 1, _id: 1 } });
db.runCommand({ convertToCapped: 'app_logs', size: 1024 * 1024 * 1024 });
db.orders.renameCollection('orders_2023');
db.legacy_events.drop();
const target = process.env.TARGET_COLLECTION;
db.getCollection(target).dropIndexes();
db.stats();
