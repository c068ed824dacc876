process.stdout.write(JSON.stringify({hello: 1}));
