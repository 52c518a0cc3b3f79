SELECT nickname FROM flipr.users WHERE false;
