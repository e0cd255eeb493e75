#include "test_certificates.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

namespace ringbench::tls::test {

namespace {

std::string openssl_program() {
  if (const char* env = std::getenv("RINGBENCH_OPENSSL"); env != nullptr && *env != '\0') return env;
  return "openssl";
}

std::string key_options(KeyType type) {
  return type == KeyType::ec_p256 ? "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
                                  : "-newkey rsa:2048";
}

// Runs one openssl command in `dir`; returns false (and sets error) on failure.
bool run(TestCertificates& c, const std::string& args) {
  const std::string command = "cd '" + c.dir + "' && '" + openssl_program() + "' " + args + " >>openssl.log 2>&1";
  if (std::system(command.c_str()) == 0) return true;
  std::ifstream log(c.dir + "/openssl.log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  c.error = "openssl " + args + " failed (is the openssl CLI installed? scripts/install-deps.sh installs it): " + text;
  return false;
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

bool make_ca(TestCertificates& c, KeyType type, const std::string& name) {
  return run(c, "req -x509 " + key_options(type) + " -nodes -keyout " + name + ".key -out " + name +
                    ".pem -days 2 -subj '/CN=ringbench test " + name + "'" +
                    " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign");
}

bool make_leaf(TestCertificates& c, KeyType type, const std::string& name, const std::string& cn,
               const std::string& extensions, int serial) {
  write_file(c.dir + "/" + name + ".ext", extensions);
  return run(c, "req " + key_options(type) + " -nodes -keyout " + name + ".key -out " + name + ".csr -subj '/CN=" + cn + "'") &&
         run(c, "x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -set_serial " + std::to_string(serial) +
                    " -days 2 -extfile " + name + ".ext -out " + name + ".pem");
}

TestCertificates generate(KeyType type) {
  TestCertificates c;
  char pattern[] = "/tmp/ringbench-tls-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    c.error = "mkdtemp failed";
    return c;
  }
  c.dir = pattern;
  c.ca = c.dir + "/ca.pem";
  c.server_cert = c.dir + "/server.pem";
  c.server_key = c.dir + "/server.key";
  c.expired_server_cert = c.dir + "/expired.pem";
  c.client_cert = c.dir + "/client.pem";
  c.client_key = c.dir + "/client.key";
  c.other_ca = c.dir + "/other.pem";
  const std::string leaf = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n";
  (void)(make_ca(c, type, "ca") && make_ca(c, type, "other") &&
         make_leaf(c, type, "server", "localhost",
                   leaf + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1,IP:fd00::ab:cdef\n", 2) &&
         make_leaf(c, type, "client", "ringbench test client", leaf + "extendedKeyUsage=clientAuth\n", 3) &&
         run(c, "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 4 -days -1 -extfile server.ext -out expired.pem"));
  return c;
}

struct Registry {
  std::mutex mutex;
  std::map<KeyType, TestCertificates> generated;
  ~Registry() {
    for (auto& [type, c] : generated) {
      std::error_code ignored;
      if (!c.dir.empty()) std::filesystem::remove_all(c.dir, ignored);
    }
  }
};

}  // namespace

const TestCertificates& test_certificates(KeyType type) {
  static Registry registry;
  std::lock_guard lock(registry.mutex);
  auto it = registry.generated.find(type);
  if (it == registry.generated.end()) it = registry.generated.emplace(type, generate(type)).first;
  return it->second;
}

}  // namespace ringbench::tls::test
