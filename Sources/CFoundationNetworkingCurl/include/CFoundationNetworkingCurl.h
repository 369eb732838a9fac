#ifndef C_FOUNDATION_NETWORKING_CURL_H
#define C_FOUNDATION_NETWORKING_CURL_H

// The libcurl functions FoundationNetworking calls, defined inside the binary (curl.c): see there why. Nothing
// includes this header; it exists because SwiftPM wants a C target to have one.

#endif
