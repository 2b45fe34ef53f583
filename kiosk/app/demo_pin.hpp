#pragma once
// The demo's staff PIN is 2468 (scripts/run.sh prints it). Like any kiosk's it is stored only as a
// PBKDF2 hash; precomputed so that start-up does not spend 30 ms in PBKDF2.
namespace kiosk::app {

inline constexpr const char* kDemoPinHash =
    "pbkdf2-sha256$20000$73df505e520cd9d573e38932f3d8b471$"
    "64b8c131e8ae7d6e8510381bed692e3d229738660dfd47763d0fcb06e95135e6";

}  // namespace kiosk::app
